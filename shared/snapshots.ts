/**
 * Snapshots of the sandbox's state as the debugger API and the window see them (`/snapshots`).
 * Pure types; no node, electron or vue here.
 */

/** What a snapshot holds, counted when it was saved. */
export interface SnapshotContents {
  userPools: number;
  users: number;
  groups: number;
  appClients: number;
  identityPools: number;
  identities: number;
}

export interface SnapshotItem {
  /** 1 to 64 letters, digits, `.`, `_`, `-`, starting with a letter or digit: its file is `<name>.sqlite`. */
  name: string;
  /** Epoch milliseconds, by the sandbox's clock (0: not known, a file put there by hand). */
  savedAt: number;
  /** The file's size. */
  bytes: number;
  contents: SnapshotContents;
  /** Why it cannot be restored, when it cannot (a damaged file, one from a newer sandbox). */
  problem?: string;
}

/** `GET /snapshots`: newest first; `where`: the folder they are kept in, or `memory`. */
export interface SnapshotList {
  snapshots: SnapshotItem[];
  where: string;
}

/** `POST /snapshots`. */
export interface SnapshotSaveBody {
  name: string;
}

/** `POST /snapshots` answers 201 with the snapshot; `replaced`: one of that name was there and is now this one. */
export interface SnapshotSaved {
  snapshot: SnapshotItem;
  replaced: boolean;
}

/**
 * `POST /snapshots/{name}/restore`: the state is the snapshot's. `endedFlows`: flows that waited
 * for the client and were ended (`abandoned`); `releasedPauses`: flows paused at a breakpoint, released.
 */
export interface SnapshotRestored {
  restored: SnapshotItem;
  endedFlows: number;
  releasedPauses: number;
}
