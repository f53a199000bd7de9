import {describe, expect, it} from "vitest";
import {readUpload} from "../../lib/lab/read-upload.js";
import {readFiles} from "../../lib/lab/read-in-worker.js";
import {readRequest, transferList} from "../../lib/workers/read-upload.js";
import {bytes, U_DATA, U_ITEM} from "../lab/tiny-ml100k-files.js";

describe("the file-reading worker's work", () => {
  it("reads File handles and bytes alike into the LabData readUpload gives on the page", async () => {
    const viaWorkerCode = await readRequest({
      type: "read",
      id: 1,
      files: [
        {name: "u.data", file: new Blob([U_DATA])},
        {name: "u.item", bytes: bytes(U_ITEM)}
      ]
    });
    const onPage = await readUpload([
      {name: "u.data", bytes: bytes(U_DATA)},
      {name: "u.item", bytes: bytes(U_ITEM)}
    ]);
    expect({...viaWorkerCode, seconds: 0}).toEqual({...onPage, seconds: 0});
  });

  it("keeps the readers' message for a malformed file", async () => {
    await expect(
      readRequest({
        type: "read",
        id: 2,
        files: [
          {name: "u.data", bytes: bytes("1\t1\t7\t881250949\n")},
          {name: "u.item", bytes: bytes(U_ITEM)}
        ]
      })
    ).rejects.toThrow(/u\.data line 1, field "rating": got "7"/);
  });

  it("transfers every typed array's buffer once, and nothing else", async () => {
    const data = await readUpload([
      {name: "u.data", bytes: bytes(U_DATA)},
      {name: "u.item", bytes: bytes(U_ITEM)}
    ]);
    const list = transferList(data);
    expect(list.length).toBeGreaterThan(4);
    expect(new Set(list).size).toBe(list.length);
    expect(list).toContain(data.dataset.ratings.rating.buffer);
    expect(transferList({a: [1, "x", {b: null}]})).toEqual([]);
  });

  it("without a worker URL (or a Worker), readFiles reads on the page and says so", async () => {
    const files = [new File([U_DATA], "u.data"), new File([U_ITEM], "u.item")];
    const {data, place} = await readFiles(files, undefined);
    expect(place).toBe("page");
    expect(data.dataset.ratings.rating).toEqual(Float32Array.from([5, 3, 4]));
  });
});
