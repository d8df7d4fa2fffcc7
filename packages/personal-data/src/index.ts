export { PersonalDataStore, type PersonalDataStoreOptions, type ErasureReceipt } from './personal-data-store';
export { validatePersonalRecord, type PersonalRecord, type IdentityDocument } from './personal-record';
export { PersonalDataError, isPersonalDataError, type PersonalDataErrorCode } from './errors';
export { masterKeyFromHex, masterKeyFromEnv, MASTER_KEY_BYTES, MASTER_KEY_ENV } from './master-key';
