import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../../src/contracts/notifications';

/** A notification's title in the reader's language (the server stores both). */
export function useNotificationText(): (notification: Pick<Notification, 'titleZh' | 'titleEn'>) => string {
  const { i18n } = useTranslation();
  return (notification) => (i18n.language === 'en' ? notification.titleEn : notification.titleZh);
}
