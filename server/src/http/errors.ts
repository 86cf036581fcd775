import { ERROR_CODES, type ErrorCode } from '../../../common/src/errors.js';

/** The one error type use cases throw. The HTTP layer turns it into the error envelope. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the table's message when a more specific one helps the clerk. */
    readonly messages?: { zh: string; en: string },
  ) {
    super(code);
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
