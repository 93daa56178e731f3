#include "eventlog.h"

namespace betthat::server {

Result<CursorState> EventLog::cursorState(qint64 sinceSeq)
{
    // The end first: an event committed between the two reads then only makes the answer conservative.
    const auto last = lastSeq();
    if (!last)
        return last.error();
    const auto first = firstRetainedSeq();
    if (!first)
        return first.error();
    CursorState state;
    state.lastSeq = *last;
    state.firstRetainedSeq = *first;
    if (sinceSeq > *last)
        state.kind = CursorState::Ahead;
    // The log keeps every seq from firstRetainedSeq on; anything between the cursor and it was pruned. An
    // empty log with events handed out means all of them were pruned.
    else if ((*first > 0 && *first > sinceSeq + 1) || (*first == 0 && *last > sinceSeq))
        state.kind = CursorState::Pruned;
    return state;
}

} // namespace betthat::server
