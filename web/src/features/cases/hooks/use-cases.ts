import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import {
  type CaseDetail,
  type CaseListParams,
  casesApi,
  type HistoryItem,
  type IntakeResult,
} from '../api/cases.api';
import type { AssignmentBody, AssignmentTask, IntakeBody, UnmaskBody } from '../api/workflow';

/** Every case query starts with 'cases', so one invalidation refreshes queue, case, record and home. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (params: CaseListParams) => ['cases', 'list', params] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  events: (id: string) => ['cases', 'events', id] as const,
  history: (by: { idNumber?: string; phone?: string }) => ['cases', 'history', by] as const,
};

/** The queue: cursor pages, fetched one after another with 加载更多. */
export function useCaseQueue(params: CaseListParams) {
  return useInfiniteQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ pageParam, signal }) => casesApi.list({ ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: ({ signal }) => casesApi.get(id!, signal),
    enabled: !!id,
    staleTime: 0,
    // A case out of scope answers 404: the page says so itself.
    meta: { silent: true },
  });
}

export function useCaseEvents(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.events(id ?? ''),
    queryFn: ({ signal }) => casesApi.events(id!, signal),
    enabled: !!id,
    staleTime: 0,
    meta: { silent: true },
  });
}

/**
 * Earlier cases of the persons being registered, one lookup per identity (ID number or phone),
 * merged by case. `outsideScope` is the largest count any one lookup reported: the same hidden case
 * may be found by two identities, so adding them up would overstate it.
 */
export function useCaseHistory(identities: { idNumber?: string; phone?: string }[]) {
  const results = useQueries({
    queries: identities.map((by) => ({
      queryKey: caseKeys.history(by),
      queryFn: ({ signal }: { signal: AbortSignal }) => casesApi.history(by, signal),
      staleTime: 60_000,
      meta: { silent: true },
    })),
  });
  const byId = new Map<string, HistoryItem>();
  let outsideScope = 0;
  for (const r of results) {
    for (const item of r.data?.items ?? []) byId.set(item.id, item);
    outsideScope = Math.max(outsideScope, r.data?.outsideScope ?? 0);
  }
  return {
    items: [...byId.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)),
    outsideScope,
    isFetching: results.some((r) => r.isFetching),
    isError: results.some((r) => r.isError),
  };
}

function useInvalidateCases() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: caseKeys.all });
}

/**
 * After a refused change because someone else got there first (409 CASE_CONFLICT), the page
 * reloads the case so the user decides again on what is now true. The global handler shows the
 * server's message ("该事项刚被他人处理，请刷新后再操作").
 */
function refetchOnConflict(invalidate: () => Promise<void>) {
  return (err: unknown) => {
    if (isApiError(err, 'CASE_CONFLICT') || isApiError(err, 'INVALID_TRANSITION')) void invalidate();
  };
}

export function useRegisterCase() {
  const invalidate = useInvalidateCases();
  return useMutation<IntakeResult, Error, IntakeBody>({
    mutationFn: (body) => casesApi.register(body),
    onSuccess: () => invalidate(),
  });
}

/** Runs a command or an action on a case; the answer is the updated case. */
export function useRunCase(id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateCases();
  return useMutation<CaseDetail, Error, { name: string; body: Record<string, unknown> }>({
    mutationFn: ({ name, body }) => casesApi.run(id, name, body),
    onSuccess: async (c) => {
      client.setQueryData(caseKeys.detail(id), c);
      await invalidate();
    },
    onError: refetchOnConflict(invalidate),
  });
}

export function useCaseTask(id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateCases();
  return useMutation<
    CaseDetail,
    Error,
    { assignmentId: string; task: AssignmentTask; body: AssignmentBody<AssignmentTask> }
  >({
    mutationFn: ({ assignmentId, task, body }) => casesApi.task(id, assignmentId, task, body),
    onSuccess: async (c) => {
      client.setQueryData(caseKeys.detail(id), c);
      await invalidate();
    },
    onError: refetchOnConflict(invalidate),
  });
}

export function useReplySupervision(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: ({ orderId, reply }: { orderId: string; reply: string }) =>
      casesApi.replySupervision(id, orderId, reply),
    onSuccess: () => invalidate(),
  });
}

export function useUnmask(id: string) {
  return useMutation({
    mutationFn: ({ partyId, body }: { partyId: string; body: UnmaskBody }) =>
      casesApi.unmask(id, partyId, body),
  });
}

export function useAddAttachment(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: Blob; onProgress?: (p: number) => void }) =>
      casesApi.addAttachment(id, file, onProgress),
    onSuccess: () => invalidate(),
  });
}
