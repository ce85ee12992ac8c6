"use client";
// Components read the chat state through this hook (zustand's React binding). Selectors must
// return stable values: pick stored objects, derive lists with useMemo.
import { useStore } from "zustand";
import { type ChatState, chatStore } from "./store";

export function useChat<T>(selector: (s: ChatState) => T): T {
  return useStore(chatStore, selector);
}
