/**
 * "Edit and run again" (from a row or the details) and "Edit in the form" must land the user on
 * the submit form: its side tab is chosen (it mounts and takes the draft, see useDraftFill), and on
 * one column the details sheet closes, since the form is behind it.
 */
import { useEffect } from 'react';
import { useNavigation } from '../hooks/navigation';
import { useSubmitDraftStore } from '../hooks/submitDraftStore';
import { useLayoutStore } from './layoutStore';

export function useDraftShowsForm(oneColumn: boolean): void {
  useEffect(
    () =>
      useSubmitDraftStore.subscribe((state, previous) => {
        if (!state.draft || state.draft.seq === previous.draft?.seq) return;
        useLayoutStore.getState().sidePanelChosen('submit');
        if (oneColumn && useNavigation.getState().openTaskId !== null) useNavigation.getState().taskClosed();
      }),
    [oneColumn],
  );
}
