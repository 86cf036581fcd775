import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateUserBody,
  type RoleGrant,
  type UpdateUserBody,
  type UserListParams,
  usersApi,
} from '../api/users.api';

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUserList(params: UserListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => usersApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useUserDetail(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: ({ signal }) => usersApi.get(id!, signal),
    enabled: !!id,
    staleTime: 0,
  });
}

function useInvalidateUsers() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (body: CreateUserBody) => usersApi.create(body), onSuccess: invalidate });
}

/** Profile fields and role grants are two endpoints; the drawer saves whichever changed. */
export function useSaveUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async ({
      id,
      profile,
      roles,
    }: {
      id: string;
      profile?: UpdateUserBody;
      roles?: RoleGrant[];
    }) => {
      if (profile && Object.keys(profile).length) await usersApi.update(id, profile);
      if (roles) await usersApi.setRoles(id, roles);
    },
    // Even a half-done save (profile saved, roles refused) must show the server's state.
    onSettled: invalidate,
  });
}

export function useSetUserActive() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) => usersApi.update(id, { isActive }),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      usersApi.resetPassword(id, newPassword),
    onSuccess: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => usersApi.unlock(id), onSuccess: invalidate });
}
