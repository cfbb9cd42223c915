import type { Handlers } from '../contract';
import { FactmarkError } from '../errors';
import type { ServiceContext } from './context';

/** The project's members and assignments. */
export function teamHandlers(_ctx: ServiceContext): Pick<Handlers, 'team/get' | 'team/member' | 'team/assign'> {
  const missing = async (): Promise<never> => {
    throw new FactmarkError('invalid-argument', 'Members and assignments are not kept by this version yet');
  };
  return { 'team/get': missing, 'team/member': missing, 'team/assign': missing };
}
