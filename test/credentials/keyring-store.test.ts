import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyringStore, isKeyringAvailable } from "../../src/credentials/keyring-store.js";
import { CredentialStoreError, type CredentialStore } from "../../src/credentials/store.js";
import {
  brokenKeyring,
  CANARY,
  expectNoSecret,
  fakeKeyring,
  rejectionOf,
  type KeyringFailurePoint,
} from "./helpers.js";

const HEADLESS_LINUX_ERRORS = [
  "Platform secure storage failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time",
  "Platform secure storage failure: No such interface “org.freedesktop.Secret.Service” on object at path /org/freedesktop/secrets",
  "Couldn't access platform secure storage: Cannot autolaunch D-Bus without X11 $DISPLAY",
];

describe("keyring store with an injected keyring", () => {
  it("round-trips the cookie under the default service and account", async () => {
    const fake = fakeKeyring();
    const store = createKeyringStore({ keyring: fake.keyring });
    expect(store.kind).toBe("keyring");
    expect(await store.get()).toBeNull();

    await store.set(CANARY);
    expect([...fake.entries]).toEqual([["trainingpeaks-mcp/Production_tpAuth", CANARY]]);
    expect(await store.get()).toBe(CANARY);

    expect(await store.delete()).toBe(true);
    expect(await store.get()).toBeNull();
    expect(await store.delete()).toBe(false);
  });

  it("uses a custom service and account", async () => {
    const fake = fakeKeyring();
    await createKeyringStore({ keyring: fake.keyring, service: "svc", account: "acct" }).set(CANARY);
    expect(fake.entries.get("svc/acct")).toBe(CANARY);
  });

  it.each([undefined, ""])("treats %j from the keyring as no cookie", async (stored) => {
    const keyring = {
      Entry: class {
        getPassword = () => stored;
        setPassword = () => undefined;
        deletePassword = () => false;
      },
    };
    expect(await createKeyringStore({ keyring }).get()).toBeNull();
  });

  it.each<[NodeJS.Platform, string, unknown]>([
    ["linux", "OS keyring (Secret Service)", { linux: { store: "secret-service" } }],
    ["darwin", "OS keyring (macOS Keychain)", undefined],
    ["win32", "OS keyring (Windows Credential Manager)", undefined],
    ["freebsd", "OS keyring", undefined],
  ])("on %s is described as %j and opened with options %j", async (platform, description, options) => {
    const fake = fakeKeyring();
    const store = createKeyringStore({ keyring: fake.keyring, platform });
    expect(store.description).toBe(description);
    await store.get();
    expect(fake.constructed).toEqual([{ service: "trainingpeaks-mcp", account: "Production_tpAuth", options }]);
  });

  const operations: Array<[string, (store: CredentialStore) => Promise<unknown>, KeyringFailurePoint]> = [
    ["get", (store) => store.get(), "getPassword"],
    ["set", (store) => store.set(CANARY), "setPassword"],
    ["delete", (store) => store.delete(), "deletePassword"],
  ];

  describe.each(HEADLESS_LINUX_ERRORS)("when the keyring fails with %j", (message) => {
    it.each(operations)("%s rejects with a CredentialStoreError", async (_name, operation, failAt) => {
      for (const point of [failAt, "constructor"] as const) {
        const store = createKeyringStore({ keyring: brokenKeyring(message, point) });
        const error = await rejectionOf(operation(store));
        expect(error).toBeInstanceOf(CredentialStoreError);
        expect((error as Error).message).toMatch(/^OS keyring unavailable: /);
        expect((error as Error).message).toContain(message);
        expectNoSecret(error);
      }
    });
  });

  it("redacts the cookie if the keyring echoes it in an error", async () => {
    const keyring = {
      Entry: class {
        getPassword = () => null;
        setPassword = (password: string) => {
          throw new Error(`could not store ${password} in collection`);
        };
        deletePassword = () => false;
      },
    };
    const error = await rejectionOf(createKeyringStore({ keyring }).set(CANARY));
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as Error).message).toContain("could not store [redacted] in collection");
    expectNoSecret(error);
  });
});

describe("isKeyringAvailable", () => {
  it("is true when the keyring answers", async () => {
    expect(await isKeyringAvailable(createKeyringStore({ keyring: fakeKeyring().keyring }))).toBe(true);
  });

  it("is false when the keyring is unreachable", async () => {
    const keyring = brokenKeyring(HEADLESS_LINUX_ERRORS[0] ?? "failure");
    expect(await isKeyringAvailable(createKeyringStore({ keyring }))).toBe(false);
  });

  it("does not hide unexpected errors", async () => {
    const store: CredentialStore = {
      kind: "keyring",
      description: "broken",
      get: () => Promise.reject(new TypeError("bug")),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(false),
    };
    await expect(isKeyringAvailable(store)).rejects.toThrow(TypeError);
  });
});

describe("loading @napi-rs/keyring", () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.doUnmock("@napi-rs/keyring");
  });

  it("happens on first use, not when the store is created", async () => {
    const fake = fakeKeyring();
    let loads = 0;
    vi.doMock("@napi-rs/keyring", () => {
      loads++;
      return fake.keyring;
    });
    const { createKeyringStore: create } = await import("../../src/credentials/keyring-store.js");

    const store = create({ platform: "linux" });
    expect(loads).toBe(0);
    await store.set(CANARY);
    expect(await store.get()).toBe(CANARY);
    expect(loads).toBe(1);
    expect(fake.constructed[0]?.options).toEqual({ linux: { store: "secret-service" } });
  });

  it("reports a native module that cannot be loaded as an unavailable keyring", async () => {
    vi.doMock("@napi-rs/keyring", () => {
      throw new Error("Cannot find native binding");
    });
    const { createKeyringStore: create } = await import("../../src/credentials/keyring-store.js");
    const error = await rejectionOf(create().get());
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("CredentialStoreError");
    expect((error as Error).message).toMatch(/OS keyring unavailable: .*could not be loaded/);
  });
});
