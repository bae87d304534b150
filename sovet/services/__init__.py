"""Operations (one handler per dotted name, permission checked once) and the ports
that storage implements."""
