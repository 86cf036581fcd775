import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../cases/hooks/use-cases';
import { type DocumentKind, documentsApi, type TemplateInput } from '../api/documents.api';

export const documentKeys = {
  list: (caseId: string) => ['documents', 'case', caseId] as const,
  draft: (caseId: string, kind: DocumentKind) => ['documents', 'draft', caseId, kind] as const,
  templates: ['documents', 'templates'] as const,
  history: (kind: DocumentKind) => ['documents', 'templates', kind] as const,
};

export function useCaseDocuments(caseId: string) {
  return useQuery({
    queryKey: documentKeys.list(caseId),
    queryFn: ({ signal }) => documentsApi.list(caseId, signal),
    staleTime: 0,
  });
}

export function useDocumentDraft(caseId: string, kind: DocumentKind | undefined) {
  return useQuery({
    queryKey: documentKeys.draft(caseId, kind ?? 'acceptance_notice'),
    queryFn: ({ signal }) => documentsApi.draft(caseId, kind!, signal),
    enabled: !!kind,
    staleTime: 0,
  });
}

/** Issuing adds a document and a timeline entry: both lists reload. */
export function useIssueDocument(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: DocumentKind; fields: Record<string, string> }) =>
      documentsApi.issue(caseId, v.kind, v.fields),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: documentKeys.list(caseId) });
      void client.invalidateQueries({ queryKey: caseKeys.events(caseId) });
    },
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: documentKeys.templates,
    queryFn: ({ signal }) => documentsApi.templates(signal),
  });
}

export function useTemplateHistory(kind: DocumentKind | undefined) {
  return useQuery({
    queryKey: documentKeys.history(kind ?? 'acceptance_notice'),
    queryFn: ({ signal }) => documentsApi.templateHistory(kind!, signal),
    enabled: !!kind,
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: DocumentKind; body: TemplateInput }) => documentsApi.saveTemplate(v.kind, v.body),
    onSuccess: () => void client.invalidateQueries({ queryKey: documentKeys.templates }),
  });
}
