export { PersonalDataStore } from './personal-data-store';
export type { PersonalDataStoreOptions, ErasureReceipt, MemberRecord } from './store-types';
export { validatePersonalRecord, TEXT_FIELDS as PERSONAL_RECORD_TEXT_FIELDS, DOCUMENT_FIELDS as IDENTITY_DOCUMENT_FIELDS, type PersonalRecord, type IdentityDocument } from './personal-record';
export { PersonalDataError, isPersonalDataError, type PersonalDataErrorCode } from './errors';
export { masterKeyFromHex, masterKeyFromEnv, MASTER_KEY_BYTES, MASTER_KEY_ENV, MASTER_KEY_FILE_ENV } from './master-key';
export { masterKeySource, readMasterKeyFile, writeMasterKeyFile, type MasterKeySource } from './master-key-source';
export { personalDataPath, PERSONAL_DATA_ENV, PERSONAL_DATA_FILE_NAME } from './personal-data-location';
export {
  GENESIS_HASH,
  MAX_PURPOSE,
  entryHash,
  type Access,
  type AccessAction,
  type AccessOutcome,
  type AccessLogEntry,
  type AccessLogVerification,
} from './access-log';
export { openAccessLog, type AccessLogReader } from './access-log-reader';
