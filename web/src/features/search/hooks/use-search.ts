import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type DuplicateProbe, type SearchParams, searchApi } from '../api/search.api';

export const searchKeys = {
  all: ['search'] as const,
  cases: (p: SearchParams) => ['search', 'cases', p] as const,
  duplicates: (p: DuplicateProbe) => ['search', 'duplicates', p] as const,
  duplicatesOf: (id: string) => ['search', 'duplicates-of', id] as const,
};

export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function useCaseSearch(p: SearchParams) {
  return useQuery({
    queryKey: searchKeys.cases(p),
    queryFn: ({ signal }) => searchApi.search(p, signal),
    enabled: p.q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Candidates while the clerk types: asked only once there is something to compare. */
export function useDuplicateCandidates(probe: DuplicateProbe) {
  const enough =
    probe.persons.length > 0 ||
    `${probe.title}${probe.facts}`.trim().length >= 6 ||
    probe.address.length >= 4;
  return useQuery({
    queryKey: searchKeys.duplicates(probe),
    queryFn: ({ signal }) => searchApi.duplicates(probe, signal),
    enabled: enough,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    meta: { silent: true },
  });
}

export function useDuplicatesOfCase(id: string, enabled: boolean) {
  return useQuery({
    queryKey: searchKeys.duplicatesOf(id),
    queryFn: ({ signal }) => searchApi.duplicatesOfCase(id, signal),
    enabled,
    meta: { silent: true },
  });
}
