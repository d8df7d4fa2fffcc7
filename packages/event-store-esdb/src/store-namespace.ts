import { EVENT_TYPE, STREAM_NAME, type AllStreamResolvedEvent, type Filter, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { DamagedEventError, metadataProblem, type EventMetadata, type RecordedEvent } from '@hearth/event-store';
import { escapeRegex, isSystem, toPortPosition } from './esdb-mapping';

/**
 * A store's place on a shared server: its streams are stored as `prefix + id`, and of
 * those it owns the ones whose id starts with one of `ownPrefixes` (all of them when
 * none are given). It decides which server events the port shows and how they read.
 */
export class StoreNamespace {
  private readonly ownPrefixes: readonly string[] | undefined;

  constructor(
    readonly prefix: string,
    ownPrefixes: readonly string[] | undefined,
  ) {
    this.ownPrefixes = ownPrefixes === undefined ? undefined : [...ownPrefixes];
  }

  /** The server's name of one of the store's streams. */
  serverName(streamId: string): string {
    return this.prefix + streamId;
  }

  /**
   * The filter the server applies to `$all` (one per read: on event types or on stream
   * names). Types asked for, without a namespace, are the narrower cut; otherwise the
   * owned streams; otherwise "no system events". Whatever passes is filtered again here.
   */
  serverFilter(types: readonly string[] | undefined): Filter {
    if (types !== undefined && types.length > 0 && this.prefix.length === 0) {
      return { filterOn: EVENT_TYPE, regex: `^(?:${types.map(escapeRegex).join('|')})$`, checkpointInterval: 1 };
    }
    if (this.ownPrefixes !== undefined) {
      return { filterOn: STREAM_NAME, prefixes: this.ownPrefixes.map((p) => this.prefix + p), checkpointInterval: 1 };
    }
    if (this.prefix.length > 0) return { filterOn: STREAM_NAME, prefixes: [this.prefix], checkpointInterval: 1 };
    return { filterOn: EVENT_TYPE, regex: '^[^$]', checkpointInterval: 1 };
  }

  /** Whether a stream (full server name) is this store's. */
  owns(streamName: string): boolean {
    if (!streamName.startsWith(this.prefix)) return false;
    const id = streamName.slice(this.prefix.length);
    return this.ownPrefixes === undefined || this.ownPrefixes.some((p) => id.startsWith(p));
  }

  /** `undefined` for what the port does not show: system events, streams it does not own, link-only entries. */
  toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event) return undefined;
    if (isSystem(event.streamId, event.type) || !this.owns(event.streamId)) return undefined;
    if (!event.position) throw new Error(`the server sent event ${event.id} without a position`);
    const position = toPortPosition(event.position.commit);
    const streamId = event.streamId.slice(this.prefix.length);
    // Named like a damaged SQLite row (docs/decisions/0013): never a bare error without its position.
    if (!event.isJson) throw new DamagedEventError(position, streamId, `its data is not JSON (${event.type})`);
    const problem = metadataProblem(event.metadata);
    if (problem !== undefined) throw new DamagedEventError(position, streamId, problem);
    return {
      eventId: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata as unknown as EventMetadata,
      streamId,
      streamVersion: Number(event.revision),
      position,
    };
  }
}
