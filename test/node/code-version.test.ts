import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {codeVersion, gitCommit} from "../../lib/node/code-version.js";
import {LIBRARY_VERSION} from "../../lib/version.js";

const tmp = mkdtempSync(join(tmpdir(), "movielab-git-"));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
const A = "1".repeat(40);
const B = "2".repeat(40);

function tree(name: string, files: Record<string, string>): string {
  const root = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), {recursive: true});
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("gitCommit (read from the files, no git)", () => {
  it("follows HEAD to a loose branch ref", () => {
    const root = tree("loose", {".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": `${A}\n`});
    expect(gitCommit(root)).toBe(A);
  });

  it("reads a packed ref, skipping comments and peeled lines", () => {
    const root = tree("packed", {
      ".git/HEAD": "ref: refs/heads/dev\n",
      ".git/packed-refs": `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/main\n${B} refs/heads/dev\n^${A}\n`
    });
    expect(gitCommit(root)).toBe(B);
  });

  it("takes a detached HEAD as it is", () => {
    expect(gitCommit(tree("detached", {".git/HEAD": `${B}\n`}))).toBe(B);
  });

  it("follows a worktree's gitdir file and commondir to the shared refs", () => {
    tree("main", {".git/packed-refs": `${A} refs/heads/feature\n`});
    const admin = join(tmp, "main", ".git", "worktrees", "wt");
    mkdirSync(admin, {recursive: true});
    writeFileSync(join(admin, "HEAD"), "ref: refs/heads/feature\n");
    writeFileSync(join(admin, "commondir"), "../..\n");
    const root = tree("wt", {".git": `gitdir: ${admin}\n`});
    expect(gitCommit(root)).toBe(A);
  });

  it("is null outside a checkout or for an unknown branch", () => {
    expect(gitCommit(tree("plain", {"README.md": "x"}))).toBeNull();
    expect(gitCommit(tree("nobranch", {".git/HEAD": "ref: refs/heads/gone\n"}))).toBeNull();
  });

  it("gives the package version, the commit and dirty unknown", () => {
    const root = tree("version", {".git/HEAD": `${A}\n`});
    expect(codeVersion(root)).toEqual({version: LIBRARY_VERSION, commit: A, dirty: null});
  });
});
