"""Commands: the data of each state change (and each read), as interfaces hand them to
the bus. One module per area; this package re-exports them all, so that code says
``from sovet.services import commands as c`` and ``c.OpenPoll(...)``."""

from sovet.services.commands.browse import *  # noqa: F403
from sovet.services.commands.business import *  # noqa: F403
from sovet.services.commands.convocation import *  # noqa: F403
from sovet.services.commands.decrees import *  # noqa: F403
from sovet.services.commands.executive import *  # noqa: F403
from sovet.services.commands.mandates_ops import *  # noqa: F403  (elections, allotment, recall)
from sovet.services.commands.orders import *  # noqa: F403
from sovet.services.commands.overview import *  # noqa: F403
from sovet.services.commands.polls import *  # noqa: F403
from sovet.services.commands.reads import *  # noqa: F403
from sovet.services.commands.roles import *  # noqa: F403
from sovet.services.commands.sittings import *  # noqa: F403
from sovet.services.commands.structure import *  # noqa: F403
