import { ErrorCode } from '../../../contracts/errors';
import { AppError, errors } from '../../platform/errors';

/** Errors of secure sharing, each with its stable code. */
export const accessErrors = {
  legalBasisRequired: () =>
    new AppError(
      ErrorCode.LegalBasisRequired,
      400,
      'A request for a dataset that is not shared (不予共享) must state its legal basis',
      '申请不予共享的数据集必须填写法律依据',
      [{ in: 'body', path: '/legalBasis', keyword: 'required', message: 'legal basis required' }],
    ),
  reasonsRequired: (decision: string) =>
    new AppError(ErrorCode.ReasonsRequired, 400, `A ${decision === 'refuse' ? 'refusal' : 'partial approval'} must give reasons`, decision === 'refuse' ? '不同意共享必须说明理由' : '部分同意必须说明理由', [
      { in: 'body', path: '/reasons', keyword: 'required', message: 'reasons required' },
    ]),
  accessNotNeeded: () =>
    new AppError(ErrorCode.AccessNotNeeded, 409, 'This dataset is shared unconditionally (无条件共享): every member reads it without a request', '该数据集为无条件共享，无需申请即可读取'),
  noGrant: () => new AppError(ErrorCode.NoGrant, 403, 'Your organisation has no valid grant for this dataset', '本单位无该数据集的有效授权'),
  grantExpired: () => new AppError(ErrorCode.GrantExpired, 403, 'The grant this token is bound to has expired', '该令牌绑定的授权已过期'),
  grantRevoked: () => new AppError(ErrorCode.GrantRevoked, 403, 'The grant this token is bound to was revoked', '该令牌绑定的授权已被撤销'),
  tokenBeyondGrant: (what: string, whatZh: string) =>
    new AppError(ErrorCode.TokenBeyondGrant, 403, `This token is bound to a grant that does not cover ${what}`, `该令牌绑定的授权不包括${whatZh}`),
  invalid: (path: string, message: string, messageZh: string) => errors.validation(message, messageZh, [{ in: 'body', path, keyword: 'rule', message }]),
};
