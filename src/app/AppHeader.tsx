/**
 * The page header: the name, the mock badge, the connection state in words (always visible, on a
 * phone too) and, at the end, the unseen-completions counter and the settings menu. It is a grid
 * whose middle column gives way: when the counter appears, nothing else moves and the header
 * does not grow a line. On a phone the connection state takes a second line of its own.
 */
import { lazy } from 'react';
import { ConnectionStatus } from '../features/connection/ConnectionStatus';
import { useT } from '../i18n/localeStore';
import { Region } from './Region';
import { LanguageSwitch, ThemeSwitch } from './HeaderControls';
import { mocksEnabled } from './mocksEnabled';
import { SettingsMenu } from './SettingsMenu';

const MarkSeenButton = lazy(() =>
  import('../features/notifications/MarkSeenButton').then((m) => ({ default: m.MarkSeenButton })),
);
const NotificationSettings = lazy(() =>
  import('../features/notifications/NotificationSettings').then((m) => ({ default: m.NotificationSettings })),
);

export function AppHeader({ firstScreenDone }: { firstScreenDone: boolean }) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-header-brand">
        <h1>{t('app.title')}</h1>
        {mocksEnabled && <span className="badge-mock">{t('app.mockBadge')}</span>}
      </div>
      <div className="app-header-connection">
        <Region name="connection">
          <ConnectionStatus />
        </Region>
      </div>
      <div className="app-header-unseen">
        {firstScreenDone && (
          <Region name="mark-seen">
            <MarkSeenButton />
          </Region>
        )}
      </div>
      <div className="app-header-end">
        <SettingsMenu>
          <Region name="notification-settings">
            <NotificationSettings />
          </Region>
          <LanguageSwitch />
          <ThemeSwitch />
        </SettingsMenu>
      </div>
    </header>
  );
}
