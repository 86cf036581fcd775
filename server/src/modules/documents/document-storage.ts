import type { Config } from '../../config.js';
import { type AttachmentStorage, LocalDiskStorage } from '../attachments/storage.js';

/**
 * Issued documents live in the attachment storage (DATA_DIR/attachments), which refuses to
 * overwrite a key: a stored document never changes, and its row keeps the sha256 to prove it.
 */
export function documentStorage(config: Config): AttachmentStorage {
  return LocalDiskStorage.inDataDir(config.dataDir);
}
