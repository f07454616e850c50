import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { endSession } from '../../../lib/session.ts';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    endSession('signed-out');
    queryClient.clear();
  }, [queryClient]);
}
