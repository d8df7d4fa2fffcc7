/**
 * @hearth/keyed-lines — lines written out in the order of a whole-number key through
 * scratch files, in memory bounded by one part of the keys. No knowledge of Hearth's
 * domain: the simulator sorts its log by day with it, the importer's regrouping by household.
 */
export { KeyedLines } from './keyed-lines';
