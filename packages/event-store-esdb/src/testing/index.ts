export { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';
