import { useContext } from 'react';
import type { Me } from '../../../../src/contracts/identity';
import { AuthContext, type AuthValue } from './auth-context';

/** The session; only inside <AuthProvider>. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth() needs an <AuthProvider> above it');
  return value;
}

/** The signed-in session; only on pages behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (me === null) throw new Error('useMe() is only for signed-in pages');
  return me;
}
