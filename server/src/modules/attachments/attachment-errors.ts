/**
 * The errors an upload can end with, each with a stable code.
 *
 * The codes live in common/src/errors.ts with the others; `AttachmentError` is an `AppError`, so
 * the HTTP layer turns it into the usual envelope with the more specific message.
 */

import { AppError } from '../../http/errors.js';
import type { AttachmentKind, RefusalReason } from './attachment-types.js';
import { ACCEPTED_TYPES } from './attachment-types.js';

export const ATTACHMENT_ERROR_CODES = {
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持该文件类型，请上传图片、PDF、Word/Excel 文档、音频或视频文件',
    en: 'This file type is not accepted; upload an image, PDF, Word/Excel document, audio or video file',
  },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is too large' },
  ATTACHMENT_EMPTY: { status: 400, zh: '文件内容为空，请重新选择文件', en: 'The file is empty' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type AttachmentErrorCode = keyof typeof ATTACHMENT_ERROR_CODES;

/** Why a type was refused: a content reason, or a recognised kind this policy does not take. */
export type TypeRefusal = RefusalReason | 'kind_not_allowed';

export interface AttachmentErrorDetails {
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    reason: TypeRefusal;
    /** Set when the type was recognised but its kind is not allowed by the policy. */
    detectedMime?: string;
    /** What the policy accepts, for the UI to list. */
    allowedExtensions: string[];
  };
  ATTACHMENT_TOO_LARGE: { kind: AttachmentKind; maxBytes: number };
  ATTACHMENT_EMPTY: undefined;
}

type Messages = { zh: string; en: string };

export class AttachmentError<C extends AttachmentErrorCode = AttachmentErrorCode> extends AppError {
  declare readonly code: C;
  declare readonly details: AttachmentErrorDetails[C];
  declare readonly messages: Messages;

  constructor(
    code: C,
    details: AttachmentErrorDetails[C],
    messages: Messages = ATTACHMENT_ERROR_CODES[code],
  ) {
    super(code, details, messages);
    this.name = 'AttachmentError';
  }
}

const KIND_NAMES: Record<AttachmentKind, Messages> = {
  image: { zh: '图片', en: 'Image' },
  document: { zh: '文档', en: 'Document' },
  audio: { zh: '音频', en: 'Audio' },
  video: { zh: '视频', en: 'Video' },
};

const REFUSAL_MESSAGES: Partial<Record<TypeRefusal, Messages>> = {
  executable: { zh: '不能上传可执行程序或脚本文件', en: 'Programs and scripts cannot be uploaded' },
  markup: {
    zh: '不能上传网页、SVG 或 XML 文件，请另存为 PDF 或图片后上传',
    en: 'Web pages, SVG and XML files cannot be uploaded; save them as PDF or an image first',
  },
  archive: {
    zh: '不能上传压缩包，请解压后逐个上传',
    en: 'Archives cannot be uploaded; extract them and upload the files one by one',
  },
  macro: {
    zh: '不能上传含宏的文档，请另存为普通 Word/Excel 文件后上传',
    en: 'Documents with macros cannot be uploaded; save them as plain Word/Excel files first',
  },
};

/** "20MB", "512KB", "900B": limits read the way people write them. */
export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))}MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))}KB`;
  return `${bytes}B`;
}

export function typeNotAllowed(
  reason: TypeRefusal,
  allowedKinds: readonly AttachmentKind[],
  detected?: { mime: string; kind: AttachmentKind },
): AttachmentError<'ATTACHMENT_TYPE_NOT_ALLOWED'> {
  const allowedExtensions = ACCEPTED_TYPES.filter((t) => allowedKinds.includes(t.kind)).map((t) => t.ext);
  const details: AttachmentErrorDetails['ATTACHMENT_TYPE_NOT_ALLOWED'] = { reason, allowedExtensions };
  let messages: Messages | undefined = REFUSAL_MESSAGES[reason];
  if (detected) {
    details.detectedMime = detected.mime;
    const kind = KIND_NAMES[detected.kind];
    messages = {
      zh: `此处不接受${kind.zh}附件`,
      en: `${kind.en} attachments are not accepted here`,
    };
  }
  return new AttachmentError('ATTACHMENT_TYPE_NOT_ALLOWED', details, messages);
}

export function tooLarge(kind: AttachmentKind, maxBytes: number): AttachmentError<'ATTACHMENT_TOO_LARGE'> {
  const name = KIND_NAMES[kind];
  const limit = formatBytes(maxBytes);
  const messages: Messages =
    kind === 'video'
      ? {
          zh: `视频文件不能超过${limit}，较长的录像请提供存放链接`,
          en: `Video files may not exceed ${limit}; for longer recordings give a link instead`,
        }
      : { zh: `${name.zh}文件不能超过${limit}`, en: `${name.en} files may not exceed ${limit}` };
  return new AttachmentError('ATTACHMENT_TOO_LARGE', { kind, maxBytes }, messages);
}

export function emptyAttachment(): AttachmentError<'ATTACHMENT_EMPTY'> {
  return new AttachmentError('ATTACHMENT_EMPTY', undefined);
}
