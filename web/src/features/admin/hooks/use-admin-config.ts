import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminConfigApi,
  type CreateCategoryBody,
  type PublishVersionBody,
  type PutYearBody,
  type UpdateCategoryBody,
} from '../api/admin-config.api';

export const adminConfigKeys = {
  // Intake and the case filters read ['categories'] too: they refresh with the same invalidation.
  categories: ['categories'] as const,
  calendar: ['calendar-years'] as const,
  profiles: ['deadline-profiles'] as const,
};

export function useCategoryTree() {
  return useQuery({
    queryKey: [...adminConfigKeys.categories, 'admin'],
    queryFn: ({ signal }) => adminConfigApi.categories(signal),
  });
}

export function useCreateCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCategoryBody) => adminConfigApi.createCategory(body),
    onSuccess: () => client.invalidateQueries({ queryKey: adminConfigKeys.categories }),
  });
}

export function useUpdateCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: UpdateCategoryBody }) =>
      adminConfigApi.updateCategory(code, body),
    onSuccess: () => client.invalidateQueries({ queryKey: adminConfigKeys.categories }),
  });
}

export function useCalendarYears() {
  return useQuery({
    queryKey: adminConfigKeys.calendar,
    queryFn: ({ signal }) => adminConfigApi.calendarYears(signal),
  });
}

export function usePutYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: PutYearBody }) => adminConfigApi.putYear(year, body),
    onSuccess: () => client.invalidateQueries({ queryKey: adminConfigKeys.calendar }),
  });
}

export function useDeadlineProfiles() {
  return useQuery({
    queryKey: adminConfigKeys.profiles,
    queryFn: ({ signal }) => adminConfigApi.deadlineProfiles(signal),
  });
}

export function usePublishVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: PublishVersionBody }) =>
      adminConfigApi.publishVersion(code, body),
    onSuccess: () => client.invalidateQueries({ queryKey: adminConfigKeys.profiles }),
  });
}

export function useAssignProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, profileCode }: { unitId: string; profileCode: string | null }) =>
      adminConfigApi.assignProfile(unitId, profileCode),
    onSuccess: () => client.invalidateQueries({ queryKey: adminConfigKeys.profiles }),
  });
}
