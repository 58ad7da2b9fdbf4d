/**
 * Layout choices the page remembers across reloads: which panel of the side column is showing.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const SIDE_PANELS = ['submit', 'stats', 'mock'] as const;
export type SidePanel = (typeof SIDE_PANELS)[number];

interface LayoutState {
  sidePanel: SidePanel;
  sidePanelChosen: (panel: SidePanel) => void;
}

export const useLayoutStore = create<LayoutState>()(
  persist((set) => ({ sidePanel: 'submit', sidePanelChosen: (sidePanel) => set({ sidePanel }) }), {
    name: 'task-center:layout',
    partialize: ({ sidePanel }) => ({ sidePanel }),
    merge: (persisted, current) => {
      const saved = (persisted ?? {}) as Partial<LayoutState>;
      return { ...current, sidePanel: SIDE_PANELS.includes(saved.sidePanel as SidePanel) ? (saved.sidePanel as SidePanel) : current.sidePanel };
    },
  }),
);

export const useSidePanel = () => useLayoutStore((state) => state.sidePanel);
export const useSidePanelChosen = () => useLayoutStore((state) => state.sidePanelChosen);
