/**
 * The side column's regions — the submit form, statistics and (on the mock) the chaos controls —
 * as tabs, so each is one click away instead of below all the others, and the column is as tall
 * as one of them. (The outbox is not a tab: it shows above them whenever it holds something, so a
 * submit waiting for the network is never hidden behind another tab.) The chosen tab is remembered. Keyboard: the WAI-ARIA tabs pattern
 * (arrow keys, Home, End move and select; Tab goes into the panel). Only the shown panel is
 * mounted, so a region's code loads when it is first wanted (or when the page is idle).
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n/localeStore';
import type { MessageKey } from '../i18n/i18n';
import { SIDE_PANELS, useSidePanel, useSidePanelChosen, type SidePanel } from './layoutStore';

const LABELS: Record<SidePanel, MessageKey> = {
  submit: 'submit.title',
  stats: 'stats.title',
  mock: 'mock.title',
};

interface SideTabsProps {
  /** the panels to offer (the mock panel only on the mock backend) */
  panels: Partial<Record<SidePanel, ReactNode>>;
}

export function SideTabs({ panels }: SideTabsProps) {
  const t = useT();
  const id = useId();
  const chosen = useSidePanel();
  const sidePanelChosen = useSidePanelChosen();
  const tabs = SIDE_PANELS.filter((panel) => panels[panel] !== undefined);
  const selected = tabs.includes(chosen) ? chosen : (tabs[0] ?? 'submit');
  const tabRefs = useRef(new Map<SidePanel, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = tabs.indexOf(selected);
    const next =
      event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    sidePanelChosen(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <div className="side-tabs">
      <div role="tablist" aria-label={t('layout.sidePanels')} className="side-tablist">
        {tabs.map((panel) => (
          <button
            key={panel}
            ref={(element) => {
              if (element) tabRefs.current.set(panel, element);
              else tabRefs.current.delete(panel);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${panel}`}
            aria-selected={panel === selected}
            aria-controls={`${id}-panel`}
            tabIndex={panel === selected ? 0 : -1}
            className="side-tab"
            onClick={() => sidePanelChosen(panel)}
            onKeyDown={onKeyDown}
          >
            {t(LABELS[panel])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${selected}`} className="side-tabpanel">
        {panels[selected]}
      </div>
    </div>
  );
}
