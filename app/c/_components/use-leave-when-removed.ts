"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/** The user left the open conversation or was removed from it: back to the list. */
export function useLeaveWhenRemoved(present: boolean): void {
  const router = useRouter();
  const seen = useRef(false);
  useEffect(() => {
    if (present) seen.current = true;
    else if (seen.current) router.replace("/c");
  }, [present, router]);
}
