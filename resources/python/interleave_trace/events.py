"""Event and object kind numbers of Interleave's trace format (core/base/event.h)."""

NO_LANE = 0xFFFF

WORKER_SPAWN = 1
JOIN_BEGIN = 5
JOIN_END = 6
SLEEP_BEGIN = 12
SLEEP_END = 13
PRINT = 14
MARK = 15
TASK_BEGIN = 16
TASK_END = 17
INSTANT = 18
LOCK_REQUEST = 20
LOCK_ACQUIRE = 21
LOCK_RELEASE = 22
LOCK_GIVE_UP = 23
QUEUE_PUT_BEGIN = 40
QUEUE_PUT = 41
QUEUE_GET_BEGIN = 42
QUEUE_GET = 43
QUEUE_TASK_DONE = 44
QUEUE_JOIN_BEGIN = 45
QUEUE_JOIN_END = 46
PIPE_SEND = 50
PIPE_RECV_BEGIN = 51
PIPE_RECV = 52
VALUE_READ = 60
VALUE_WRITE = 61

VALUE_KNOWS_OVERWRITTEN = 1

CONTENDED = 1

MUTEX_OBJECT = 1
QUEUE_OBJECT = 2
VALUE_OBJECT = 3
PIPE_OBJECT = 4


def queue_payload(sequence, depth):
    """The a-payload of a queue event: item sequence and depth after the operation."""
    return (sequence & 0xFFFFFFFF) | ((depth & 0xFFFFFFFF) << 32)


def holder_payload(lane):
    """The a-payload of an acquire: the previous holder's lane + 1, 0 when none is known."""
    return 0 if lane == NO_LANE else lane + 1


def value_payload(item):
    """What a queue event shows as the item: ints as they are, anything else as 0."""
    if type(item) is int:
        return item & 0xFFFFFFFFFFFFFFFF
    return 0


def shown_value(value):
    """The b-payload of a Value event: an int as it is (a bool as 0 or 1), a float by its
    integer part (NaN and values past 64 bits as 0), anything else (bytes) as 0."""
    if type(value) is float:
        value = int(value) if -9.2e18 < value < 9.2e18 else 0
    return value & 0xFFFFFFFFFFFFFFFF if isinstance(value, int) else 0
