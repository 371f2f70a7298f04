import { prepareAndEmbed } from "./prepare-embed.js";
import { servePrepareRequests } from "./prepare-serve.js";

servePrepareRequests(prepareAndEmbed);
