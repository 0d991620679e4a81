# Test-only reference (never shipped): the rollover logic of CPython 3.13's
# Lib/logging/handlers.py (TimedRotatingFileHandler.computeRollover, shouldRollover,
# getFilesToDelete and doRollover, and RotatingFileHandler.shouldRollover, with the 2024
# fixes gh-88352, gh-90535, gh-115809, gh-116263), transcribed onto the machine's
# python3 (3.11), whose own versions predate those fixes. CPython is under the PSF license.
import io
import logging.handlers
import os
import time

_MIDNIGHT = 24 * 60 * 60


def compute_rollover_313(self, currentTime):
    result = currentTime + self.interval
    if self.when == 'MIDNIGHT' or self.when.startswith('W'):
        if self.utc:
            t = time.gmtime(currentTime)
        else:
            t = time.localtime(currentTime)
        currentHour = t[3]
        currentMinute = t[4]
        currentSecond = t[5]
        currentDay = t[6]
        if self.atTime is None:
            rotate_ts = _MIDNIGHT
        else:
            rotate_ts = ((self.atTime.hour * 60 + self.atTime.minute) * 60 +
                         self.atTime.second)
        r = rotate_ts - ((currentHour * 60 + currentMinute) * 60 + currentSecond)
        if r <= 0:
            r += _MIDNIGHT
            currentDay = (currentDay + 1) % 7
        result = currentTime + r
        if self.when.startswith('W'):
            day = currentDay
            if day != self.dayOfWeek:
                if day < self.dayOfWeek:
                    daysToWait = self.dayOfWeek - day
                else:
                    daysToWait = 6 - day + self.dayOfWeek + 1
                result += daysToWait * _MIDNIGHT
            result += self.interval - _MIDNIGHT * 7
        else:
            result += self.interval - _MIDNIGHT
        if not self.utc:
            dstNow = t[-1]
            dstAtRollover = time.localtime(result)[-1]
            if dstNow != dstAtRollover:
                if not dstNow:
                    addend = -3600
                    if not time.localtime(result - 3600)[-1]:
                        addend = 0
                else:
                    addend = 3600
                result += addend
    return result


def rollover_filename_313(self, currentTime):
    """The name CPython 3.13's doRollover gives the file (its first lines, factored out)."""
    t = self.rolloverAt - self.interval
    if self.utc:
        timeTuple = time.gmtime(t)
    else:
        timeTuple = time.localtime(t)
        dstNow = time.localtime(currentTime)[-1]
        dstThen = timeTuple[-1]
        if dstNow != dstThen:
            if dstNow:
                addend = 3600
            else:
                addend = -3600
            timeTuple = time.localtime(t + addend)
    return self.rotation_filename(self.baseFilename + "." +
                                  time.strftime(self.suffix, timeTuple))


class Timed313(logging.handlers.TimedRotatingFileHandler):
    computeRollover = compute_rollover_313

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import re
        ext = {
            'S': r'\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}',
            'M': r'\d{4}-\d{2}-\d{2}_\d{2}-\d{2}',
            'H': r'\d{4}-\d{2}-\d{2}_\d{2}',
        }.get(self.when, r'\d{4}-\d{2}-\d{2}')
        self.extMatch = re.compile(r'(?<!\d)' + ext + r'(?!\d)', re.ASCII)

    def shouldRollover(self, record):
        t = int(time.time())
        if t >= self.rolloverAt:
            if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
                self.rolloverAt = self.computeRollover(t)
                return False
            return True
        return False

    def getFilesToDelete(self):
        dirName, baseName = os.path.split(self.baseFilename)
        fileNames = os.listdir(dirName)
        result = []
        if self.namer is None:
            prefix = baseName + '.'
            plen = len(prefix)
            for fileName in fileNames:
                if fileName[:plen] == prefix:
                    suffix = fileName[plen:]
                    if self.extMatch.fullmatch(suffix):
                        result.append(os.path.join(dirName, fileName))
        else:
            for fileName in fileNames:
                m = self.extMatch.search(fileName)
                while m:
                    dfn = self.namer(self.baseFilename + "." + m[0])
                    if os.path.basename(dfn) == fileName:
                        result.append(os.path.join(dirName, fileName))
                        break
                    m = self.extMatch.search(fileName, m.start() + 1)
        if len(result) < self.backupCount:
            result = []
        else:
            result.sort()
            result = result[:len(result) - self.backupCount]
        return result

    def doRollover(self):
        currentTime = int(time.time())
        dfn = rollover_filename_313(self, currentTime)
        if os.path.exists(dfn):
            return
        if self.stream:
            self.stream.close()
            self.stream = None
        self.rotate(self.baseFilename, dfn)
        if self.backupCount > 0:
            for s in self.getFilesToDelete():
                os.remove(s)
        if not self.delay:
            self.stream = self._open()
        self.rolloverAt = self.computeRollover(currentTime)


class Rotating313(logging.handlers.RotatingFileHandler):
    def shouldRollover(self, record):
        if self.stream is None:
            self.stream = self._open()
        if self.maxBytes > 0:
            try:
                pos = self.stream.tell()
            except io.UnsupportedOperation:
                return False
            if not pos:
                return False
            msg = "%s\n" % self.format(record)
            if pos + len(msg) >= self.maxBytes:
                if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
                    return False
                return True
        return False
