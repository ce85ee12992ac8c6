"use client";
import { useEffect } from "react";
import { useStore } from "zustand";
import { loadPushState, pushToggle } from "@/app/_client/push-toggle";

/** This device's push state, shared by the sidebar's toggle and Settings › Notifications. */
export function usePushToggle() {
  const state = useStore(pushToggle, (s) => s.state);
  useEffect(() => {
    void loadPushState();
  }, []);
  return state;
}
