/**
 * Turns new completions into announcements through the channel notifyPolicy picks: toasts with an
 * "Open" action while the page is visible, system notifications from the leader tab while hidden,
 * an optional beep and an optional vibration (phones). Outside React: it runs from a store subscription.
 */
import { showToast } from '../../components/toast/toastStore';
import { useNavigation } from '../../hooks/navigation';
import { browserLocale, currentTranslator, useLocaleStore } from '../../i18n/localeStore';
import { decideNotification, notificationTag, splitAnnouncements, TOAST_KIND, vibrationPattern } from '../../lib/notifyPolicy';
import { useCompletionsStore, type Completion } from '../../sync/completionsStore';
import { isPageVisible, notificationPermission, showSystemNotification } from './browserNotifications';
import { beep } from './completionSound';
import { useNotificationSettings } from './notificationSettingsStore';
import { vibrate } from './vibration';

/** Opens the task's details and counts its completion as seen. */
export function openCompletedTask(id: string): void {
  useNavigation.getState().taskOpened(id);
  useCompletionsStore.getState().completionsSeen([id]);
}

/** `fresh`: new completions, oldest first. `leader`: this tab polls for the browser. */
export function announceCompletions(fresh: readonly Completion[], leader: boolean): void {
  if (fresh.length === 0) return;
  const settings = useNotificationSettings.getState();
  const decision = decideNotification({
    visible: isPageVisible(),
    enabled: settings.enabled,
    permission: notificationPermission(),
    leader,
    sound: settings.sound,
  });
  if (decision.channel === 'none') return;

  const t = currentTranslator();
  const lang = useLocaleStore.getState().choice ?? browserLocale();
  const { each, more } = splitAnnouncements(fresh);
  for (const completion of each) {
    const text = t(`notify.${completion.status}`, { title: completion.title });
    const open = () => openCompletedTask(completion.id);
    if (decision.channel === 'toast') {
      showToast({ kind: TOAST_KIND[completion.status], text, action: { label: t('notify.open'), run: open } });
    } else {
      showSystemNotification({ title: text, body: t('app.title'), tag: notificationTag(completion.id, completion.status), lang, onClick: open });
    }
  }
  if (more > 0) {
    const text = t('notify.more', { count: more });
    if (decision.channel === 'toast') showToast({ kind: 'info', text });
    else showSystemNotification({ title: text, body: t('app.title'), tag: 'task-center-more', lang, onClick: () => undefined });
  }
  if (settings.vibrate) vibrate(vibrationPattern(fresh.map((completion) => completion.status)));
  if (decision.sound) beep(fresh.some((completion) => completion.status === 'failed') ? 'failed' : (fresh[fresh.length - 1]?.status ?? 'succeeded'));
}
