import type { ErrorEnvelope } from '../../../../../common/src/errors.js';
import { ApiError, api } from '../../../lib/api';

/** The document kinds (server: documents/document-kinds.ts). */
export type DocumentKind =
  | 'acceptance_notice'
  | 'rejection_notice'
  | 'non_reacceptance_notice'
  | 'transfer_slip'
  | 'extension_notice'
  | 'handling_opinion'
  | 'review_opinion'
  | 'recheck_opinion'
  | 'supervision_order'
  | 'mediation_agreement'
  | 'judicial_confirmation_application'
  | 'false_mediation_notice'
  | 'judicial_confirmation_undertaking'
  | 'hearing_notice'
  | 'expert_review_opinion'
  | 'petition_closure_commitment';

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  name: string;
  version: number;
  docNo: string | null;
  title: string;
  issuingUnit: string;
  issuedBy: string | null;
  issuedOn: string;
  issuedAt: string;
  size: number;
  sha256: string;
}

/** GET /api/cases/:id/documents */
export interface CaseDocuments {
  items: IssuedDocument[];
  kinds: { kind: DocumentKind; name: string; source: 'case' | 'request' }[];
  canExport: boolean;
  canExportFull: boolean;
  isAccusation: boolean;
}

/** GET /api/cases/:id/documents/draft */
export interface DocumentDraft {
  kind: DocumentKind;
  name: string;
  templateVersion: number;
  placeholders: string[];
  fields: Record<string, string>;
  missing: string[];
  applicable: boolean;
}

export interface DocumentTemplate {
  kind: DocumentKind;
  version: number;
  name: string;
  title: string;
  addressee: string | null;
  body: string;
  signature: string | null;
  numberCode: string | null;
  hasSeal: boolean;
  note: string | null;
  placeholders: string[];
  createdAt: string;
  createdBy: string | null;
}

export type TemplateInput = Pick<
  DocumentTemplate,
  'title' | 'addressee' | 'body' | 'signature' | 'numberCode' | 'hasSeal' | 'note'
>;

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // keep the fallback
    }
  }
  return fallback;
}

/** Downloads a file through fetch, so a refusal shows as a message rather than a saved error page. */
async function download(path: string, fallback: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: 'Network error' });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as ErrorEnvelope | undefined;
    throw body?.error
      ? new ApiError({ code: body.error.code, status: res.status, message: body.error.message })
      : new ApiError({ code: 'BAD_RESPONSE', status: res.status, message: `HTTP ${res.status}` });
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const documentsApi = {
  list: (caseId: string, signal?: AbortSignal) =>
    api<CaseDocuments>(`/api/cases/${caseId}/documents`, { signal }),
  draft: (caseId: string, kind: DocumentKind, signal?: AbortSignal) =>
    api<DocumentDraft>(`/api/cases/${caseId}/documents/draft`, { query: { kind }, signal }),
  issue: (caseId: string, kind: DocumentKind, fields: Record<string, string>) =>
    api<IssuedDocument>(`/api/cases/${caseId}/documents`, { method: 'POST', body: { kind, fields } }),
  downloadFile: (caseId: string, documentId: string) =>
    download(`/api/cases/${caseId}/documents/${documentId}/file`, 'document.docx'),
  downloadDossier: (caseId: string, copy: 'full' | 'other_units') =>
    download(`/api/cases/${caseId}/dossier.zip?copy=${copy}`, 'dossier.zip'),
  templates: (signal?: AbortSignal) =>
    api<{ items: DocumentTemplate[] }>('/api/document-templates', { signal }),
  templateHistory: (kind: DocumentKind, signal?: AbortSignal) =>
    api<{ items: DocumentTemplate[] }>(`/api/document-templates/${kind}`, { signal }),
  saveTemplate: (kind: DocumentKind, body: TemplateInput) =>
    api<DocumentTemplate>(`/api/document-templates/${kind}`, { method: 'PUT', body }),
};
