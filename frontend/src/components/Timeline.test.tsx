import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import "../i18n";
import { PagedTimeline, type TimelinePage } from "./Timeline";

// jsdom has no matchMedia; Mantine reads it for the colour scheme.
window.matchMedia ||= ((media: string) => ({
  matches: false, media, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {},
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;

afterEach(cleanup);

const page = (from: number, n: number, next: string | null): TimelinePage => ({
  edges: Array.from({ length: n }, (_, i) => ({
    node: { at: `2024-01-${String(from + i).padStart(2, "0")}T10:00:00Z`, kind: "task", title: `event ${from + i}` },
  })),
  pageInfo: { hasNextPage: next !== null, endCursor: next },
});

const view = (first: TimelinePage, more: (after: string) => Promise<TimelinePage | null | undefined>) =>
  render(<MantineProvider><PagedTimeline first={first} more={more} /></MantineProvider>);

describe("PagedTimeline", () => {
  it("appends the next pages with the API's cursor until the last", async () => {
    const more = vi.fn(async (after: string) => (after === "c1" ? page(3, 2, "c2") : page(5, 1, null)));
    view(page(1, 2, "c1"), more);
    expect(screen.getAllByRole("row")).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(4));
    expect(more).toHaveBeenLastCalledWith("c1");
    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(5));
    expect(more).toHaveBeenLastCalledWith("c2");
    expect(screen.queryByRole("button", { name: "Visa fler" })).toBeNull();
  });

  it("shows no button when everything came with the first page", () => {
    view(page(1, 3, null), vi.fn());
    expect(screen.getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Visa fler" })).toBeNull();
  });

  it("says when a page failed and lets the user try again", async () => {
    const more = vi.fn(async () => { throw new Error("database unavailable, retry"); });
    view(page(1, 1, "c1"), more);
    fireEvent.click(screen.getByRole("button", { name: "Visa fler" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("database unavailable, retry"));
    expect(screen.getAllByRole("row")).toHaveLength(1);
    await waitFor(() => expect((screen.getByRole("button", { name: "Visa fler" }) as HTMLButtonElement).disabled).toBe(false));
  });
});
