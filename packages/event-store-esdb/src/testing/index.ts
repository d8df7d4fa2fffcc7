export {
  startEsdbStandIn,
  type EsdbStandIn,
  type EsdbStandInOptions,
  type FaultedCall,
  type FaultKind,
  type StandInCalls,
  type StandInFaults,
  type SubscriptionDrop,
} from './esdb-stand-in';
export { NO_LISTENER_PORT } from './no-listener';
