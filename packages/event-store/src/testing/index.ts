export { runEventStoreContract, type ContractOptions, type EventStoreFixture } from './contract-kit';
export {
  counterDecider,
  counterStream,
  describeCounterCommand,
  increment,
  type CounterError,
  type CounterIncremented,
  type CounterState,
  type IncrementCounter,
} from './counter-decider';
export { eventCollector, type EventCollector } from './event-collector';
export { lastHash, testEvents, type TestEventSpec } from './event-factory';
export { interceptedStore } from './intercepted-store';
