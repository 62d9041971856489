// liblz4's frame API (Debian/Ubuntu package liblz4-dev): the LZ4 frame format of `zaakstroom export`.
#include <lz4frame.h>
