import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApiError } from '../api/api-error';

/** Shown while a page's code or first data loads. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading">
      <Spin description={t('common.loading')} />
    </div>
  );
}

/** The page exists but this user may not open it. */
export function ForbiddenResult({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={detail ?? t('errors.forbiddenText')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

/** No page at this address. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

/**
 * A page whose main data could not be loaded. Refusals (403, and 404 for objects outside the
 * user's reach) get a clear "no access" message; other failures show the server's message.
 */
export function LoadFailedResult({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (error.status === 403 || error.status === 404) {
    return (
      <div data-testid="refused">
        <Result
          status={error.status === 403 ? '403' : '404'}
          title={t(error.status === 403 ? 'errors.forbiddenTitle' : 'errors.unavailableTitle')}
          subTitle={error.textFor(i18n.language)}
          extra={
            <Link to="/">
              <Button type="primary">{t('errors.backHome')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return (
    <Result
      status="error"
      title={t('errors.loadFailedTitle')}
      subTitle={error.textFor(i18n.language)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
