"""The text engine every speaker-labelled shape shares, one module per step.

1. `lines`: each line normalised (emphasis, blockquote marks, entities and times taken off,
   the times kept as data);
2. `tokenise`: which lines are speaker labels in this file, and the blocks they start;
3. `classify`: which blocks are headings, annotations (sound cues, stage directions) or page
   furniture; `header`: title, date, place, lede and oral-history fields before the first turn;
4. `assemble`: blocks -> turns, speakers and metadata (`build`).

`shape` counts label lines of each kind for the importers' scores (`evidence` tables).
"""
