import { ErrorCode } from '../../../contracts/errors';
import { toIso } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { PasswordProblem } from './password';

/** The identity module's error answers; codes are the stable ones of src/contracts/errors.ts. */
export const identityErrors = {
  /** Unknown user and wrong password give the same answer, so usernames cannot be probed. */
  invalidCredentials: () =>
    new AppError(ErrorCode.InvalidCredentials, 401, 'Wrong username or password', '用户名或密码错误'),
  /** Wrong current password on a password change: 403, so the web does not read it as "signed out". */
  wrongCurrentPassword: () =>
    new AppError(ErrorCode.InvalidCredentials, 403, 'The current password is wrong', '当前密码错误', { field: 'currentPassword' }),
  accountLocked: (lockedUntil: number) =>
    new AppError(
      ErrorCode.AccountLocked,
      423,
      `Too many failed sign-ins; the account is locked until ${toIso(lockedUntil)}`,
      '登录失败次数过多，账号已被临时锁定',
      { lockedUntil: toIso(lockedUntil) },
    ),
  accountDisabled: () => new AppError(ErrorCode.AccountDisabled, 403, 'This account is disabled', '该账号已停用'),
  tokenInvalid: () => new AppError(ErrorCode.TokenInvalid, 401, 'The API token is not valid', 'API 令牌无效'),
  tokenExpired: () => new AppError(ErrorCode.TokenExpired, 401, 'The API token has expired', 'API 令牌已过期'),
  tokenRevoked: () => new AppError(ErrorCode.TokenRevoked, 401, 'The API token has been revoked', 'API 令牌已被吊销'),
  weakPassword: (problems: PasswordProblem[]) =>
    new AppError(
      ErrorCode.WeakPassword,
      422,
      `The password is too weak: ${problems.map((problem) => problem.message).join('; ')}`,
      `密码强度不足：${problems.map((problem) => problem.messageZh).join('；')}`,
      { rules: problems },
    ),
};
