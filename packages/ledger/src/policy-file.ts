import * as E from 'fp-ts/Either';
import { parsePolicy, type Policy } from '@hearth/domain';
import { readJsonFile } from './json-file';

/**
 * A programme's policy file (JSON, domain.md §3) as the CLI's `--policy FILE` and the
 * service's `--policy FILE` / HEARTH_POLICY read it, or why it cannot be used, in words for
 * people naming the file and every bad field: one reading, so that the two never decide or
 * report under policies read differently.
 */
export const readPolicyFile = (path: string): E.Either<string, Policy> => {
  const value = readJsonFile(path, 'policy file');
  if (E.isLeft(value)) return value;
  const parsed = parsePolicy(value.right);
  if (E.isRight(parsed)) return parsed;
  // Two keys do not fall back on the reference policy (decision 143): leaving them out is the mistake, not the remedy.
  const required = (f: { path: string }): boolean => /^(baselineCutoff|targetShares)(\.|$)/.test(f.path);
  const missing = parsed.left.some((f) => required(f) && f.message.startsWith('required field is missing'));
  const remedy = missing
    ? 'baselineCutoff and targetShares are required in a policy file (decision 143: every target is computed from them); any other key left out takes the reference value'
    : parsed.left.some(required)
      ? 'Fix the file (baselineCutoff and targetShares cannot be left out, decision 143; any other key left out takes the reference value)'
      : 'Fix the file, or leave the key out to use the reference value';
  return E.left(`policy file ${path} is invalid: ${parsed.left.map((f) => `${f.path || '(file)'}: ${f.message}`).join('; ')}. ${remedy}.`);
};
