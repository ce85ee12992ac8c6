import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../../lib/contract/events";
import type { Message } from "../../lib/contract/models";

/**
 * Between nodes (io.serverSideEmit, carried by the adapter). Everything else crosses nodes as
 * room broadcasts of the events above.
 */
export interface InterServerEvents {
  /** A message another node stored: this node passes it through its ordering gate (message-delivery.ts). */
  "message:stored": (message: Message) => void;
}

export type ChatIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
