import { create } from 'zustand';
import type { IntakeDraft } from '../screens/intake/draft';

/**
 * The intake form being filled in: UI state only (nothing here is saved until "Create ticket").
 * Kept outside the screen so a technician who looks something up and comes back finds it as left.
 */
interface IntakeDraftStore {
  readonly draft: IntakeDraft | null;
  readonly lastTechnicianId: string;
  readonly setDraft: (draft: IntakeDraft) => void;
  readonly clear: () => void;
  readonly rememberTechnician: (id: string) => void;
}

export const useIntakeDraftStore = create<IntakeDraftStore>((set) => ({
  draft: null,
  lastTechnicianId: '',
  setDraft: (draft) => {
    set({ draft });
  },
  clear: () => {
    set({ draft: null });
  },
  rememberTechnician: (id) => {
    set({ lastTechnicianId: id });
  },
}));
