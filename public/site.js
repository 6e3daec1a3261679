// progressive enhancements
