package dev.spool.cli.internal;

import java.util.List;

/** A table of text columns as the listing commands print it: a bold heading, aligned cells. */
final class Table {
  private Table() {}

  /**
   * Prints {@code rows} under {@code headings}, each column as wide as its widest cell; the cells
   * of column {@code statusColumn} (-1 for none) are coloured as run statuses.
   */
  static void print(Io io, Style style, String[] headings, List<String[]> rows, int statusColumn) {
    int[] widths = new int[headings.length];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headings[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    io.out().println(line(headings, widths, style, true, statusColumn));
    for (String[] row : rows) {
      io.out().println(line(row, widths, style, false, statusColumn));
    }
  }

  private static String line(
      String[] cells, int[] widths, Style style, boolean heading, int statusColumn) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      // Colour after measuring, so escapes do not upset the alignment.
      sb.append(heading ? style.bold(cell) : i == statusColumn ? style.status(cell) : cell);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    return sb.toString().stripTrailing();
  }
}
