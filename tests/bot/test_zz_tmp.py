from tests.bot.test_errors import bot  # noqa
async def test_peek(alice, channel, bot_errors, env, caplog):
    r = await alice.slash(channel, "slowcrash")
    print(r, r.ephemeral, r.deferred, r.response, [ (f.content, f.ephemeral) for f in r.followups])
    print(env.transcript()[-1500:])
    print([x.getMessage() for x in caplog.records if x.levelno>=30])
    bot_errors()
