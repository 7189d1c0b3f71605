// Questions the core asks the user (unknown host key, key passphrase, password), answered one at a time.
import { create } from 'zustand';
import type { PromptAnswer, PromptRequest } from '../../shared/ipc/front-end.js';

interface PendingPrompt {
  id: number;
  request: PromptRequest;
  resolve(answer: PromptAnswer): void;
}

interface PromptsState {
  queue: readonly PendingPrompt[];
  /** The handler given to the API client: queues the question and waits for the user. */
  ask(request: PromptRequest): Promise<PromptAnswer>;
  answer(id: number, answer: PromptAnswer): void;
}

let nextId = 1;

export const usePrompts = create<PromptsState>()((set, get) => ({
  queue: [],
  ask(request) {
    return new Promise<PromptAnswer>((resolve) => {
      set({ queue: [...get().queue, { id: nextId++, request, resolve }] });
    });
  },
  answer(id, answer) {
    const p = get().queue.find((q) => q.id === id);
    if (!p) return;
    set({ queue: get().queue.filter((q) => q.id !== id) });
    p.resolve(answer);
  },
}));
