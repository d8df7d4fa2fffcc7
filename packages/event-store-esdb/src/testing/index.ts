export { startEsdbStandIn, type EsdbStandIn, type EsdbStandInOptions } from './esdb-stand-in';
