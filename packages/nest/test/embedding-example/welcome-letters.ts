import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, EventsHandler, ICommandHandler, IEvent, IEventHandler, ofType, Saga } from '@nestjs/cqrs';
import { filter, map, Observable } from 'rxjs';
import { HouseholdEventAccepted } from '../../src';

/**
 * The embedding application's own piece: when a household is identified, it sends the
 * household a welcome letter (a saga turning a Hearth event into its own command), and
 * it keeps a log of every event Hearth accepted (an event handler).
 */

export class SendWelcomeLetterCommand extends Command<void> {
  constructor(readonly householdId: string, readonly identifiedOn: string) {
    super();
  }
}

@Injectable()
export class Mailroom {
  readonly letters: { householdId: string; identifiedOn: string }[] = [];
  private waiting: (() => void)[] = [];

  post(letter: { householdId: string; identifiedOn: string }): void {
    this.letters.push(letter);
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves once `n` letters were posted. */
  async untilPosted(n: number): Promise<void> {
    while (this.letters.length < n) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}

@CommandHandler(SendWelcomeLetterCommand)
export class SendWelcomeLetterHandler implements ICommandHandler<SendWelcomeLetterCommand> {
  constructor(@Inject(Mailroom) private readonly mailroom: Mailroom) {}
  async execute(c: SendWelcomeLetterCommand): Promise<void> {
    this.mailroom.post({ householdId: c.householdId, identifiedOn: c.identifiedOn });
  }
}

@Injectable()
export class WelcomeLetterSaga {
  @Saga()
  identified = (events$: Observable<IEvent>): Observable<SendWelcomeLetterCommand> =>
    events$.pipe(
      ofType(HouseholdEventAccepted),
      filter((e) => e.type === 'HouseholdIdentified'),
      map((e) => new SendWelcomeLetterCommand(e.householdId, e.occurredOn)),
    );
}

@Injectable()
@EventsHandler(HouseholdEventAccepted)
export class AcceptedEventLog implements IEventHandler<HouseholdEventAccepted> {
  readonly events: HouseholdEventAccepted[] = [];
  handle(event: HouseholdEventAccepted): void {
    this.events.push(event);
  }
}
