import { DynamicModule, Module } from '@nestjs/common';
import { HearthModule } from '../../src';
import { fixedNow } from '../support/region';
import { AcceptedEventLog, Mailroom, SendWelcomeLetterHandler, WelcomeLetterSaga } from './welcome-letters';

/** An application that embeds Hearth: it imports the module once and brings its own handlers. */
@Module({})
export class EmbeddingAppModule {
  static withStore(store: string): DynamicModule {
    return {
      module: EmbeddingAppModule,
      imports: [HearthModule.forRoot({ store, now: fixedNow })],
      providers: [Mailroom, SendWelcomeLetterHandler, WelcomeLetterSaga, AcceptedEventLog],
    };
  }
}
