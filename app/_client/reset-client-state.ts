// Everything the client keeps in memory for the signed-in user, outside the session record: the
// zustand store, the device store's handle and cursors, and the modules' own caches. Reset as one
// when a session ends or starts, so that a log-out, or another user signing in on the same tab,
// leaves nothing of the previous user behind (names being fetched, pages known to be empty, typists).
import type { User } from "@/lib/contract/models";
import { closeDevice } from "./device-state";
import { forgetHistoryPages } from "./history";
import { forgetPeople } from "./people";
import { forgetQuoted } from "./quoted";
import { forgetSearches } from "./search";
import { resetChat } from "./store";
import { forgetTyping } from "./typing";
import { resetUploads } from "./uploads";

/** `me`: the user whose session starts now, or null when one ends. */
export function resetClientState(me: User | null): void {
  // Stop writing to the device store before the zustand store is emptied (its mirror would copy that).
  closeDevice().close();
  forgetTyping();
  forgetPeople();
  forgetHistoryPages();
  forgetSearches();
  forgetQuoted();
  resetUploads();
  resetChat(me);
}
