import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import "../i18n";
import { Pager } from "./Pager";

// jsdom has no matchMedia; Mantine reads it for the colour scheme.
window.matchMedia ||= ((media: string) => ({
  matches: false, media, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {},
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;

afterEach(cleanup);

describe("Pager", () => {
  it("offers the next page by the API's cursor, and the first page once past it", () => {
    const onPage = vi.fn();
    const { rerender } = render(<MantineProvider><Pager after={null} pageInfo={{ hasNextPage: true, endCursor: "c50" }} onPage={onPage} /></MantineProvider>);
    expect(screen.queryByRole("button", { name: "Första sidan" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Nästa sida" }));
    expect(onPage).toHaveBeenLastCalledWith("c50");
    rerender(<MantineProvider><Pager after="c50" pageInfo={{ hasNextPage: false, endCursor: "c73" }} onPage={onPage} /></MantineProvider>);
    expect(screen.queryByRole("button", { name: "Nästa sida" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Första sidan" }));
    expect(onPage).toHaveBeenLastCalledWith(null);
  });

  it("shows nothing for a list that fits on one page", () => {
    render(<MantineProvider><Pager after={null} pageInfo={{ hasNextPage: false, endCursor: null }} onPage={vi.fn()} /></MantineProvider>);
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });
});
